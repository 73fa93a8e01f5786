"""The web chat and its HTTP API, with the Slack and Teams endpoints mounted beside them.

app.py builds the app; api.py and pages.py are its routers, deps.py what their routes depend on;
schemas.py and bodies.py the JSON in and out; clauses.py the documents' clauses and the links to
them; render.py and templates/ the document page; middleware.py the headers and body limit.
"""

from bot.web.app import app_from_environment, create_app, serve

__all__ = ["app_from_environment", "create_app", "serve"]
