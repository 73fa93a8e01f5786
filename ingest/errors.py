"""Named errors for files that cannot be read; each message is one sentence a user can act on."""


class IngestError(Exception):
    """A file could not be turned into a document."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


class UnreadableFile(IngestError):
    """Corrupt, unsupported or otherwise unreadable."""


class EmptyFile(IngestError):
    """The file holds no text at all."""


class EncryptedPdf(IngestError):
    """The PDF is password-protected."""


class NoTextLayer(IngestError):
    """A PDF without text that OCR was not allowed (--ocr never) or had nothing to read."""


class UnsupportedType(IngestError):
    """Not a PDF or a text file."""


class TooLarge(IngestError):
    """Over the configured page or byte limit."""


class NothingToRead(IngestError):
    """A directory with no PDF or text file in it."""


class OcrUnavailable(IngestError):
    """Scanned pages to read, but Tesseract (or one of its languages, or pdftoppm) is missing."""


class OcrFailed(IngestError):
    """Tesseract ran but could not read a page."""
