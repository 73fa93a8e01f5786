"""The Slack adapter: cited answers in channels, threads, DMs and `/afspraken`.

One Bolt `App` (app.py) holds every listener (listeners.py); it is mounted at POST /slack/events in
the FastAPI app (HTTP mode, public URL) or driven by Socket Mode (`afspraken slack`, behind a
firewall). Every listener acks at once and answers in a lazy listener, so Slack gets its 200 within
3 seconds. Block Kit is built by small pure functions from an `Answer` (blocks.py); what Slack sends
is validated in payloads.py; state.py keeps what the listeners share.
"""
