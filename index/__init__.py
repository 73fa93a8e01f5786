"""Searching and answering: chunks → vectors and BM25 → hits → cited answers."""
