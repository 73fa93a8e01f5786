"""Talking to people: the CLI, the web chat, Slack and Teams, all over `index.answer.answer`."""
