"""`python -m bot.cli …`: the `afspraken` command."""

from bot.cli import main

main()
