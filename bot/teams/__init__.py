"""The Microsoft Teams adapter: cited answers as Adaptive Cards, over the Microsoft 365 Agents SDK.

`bot.teams.app.mount_teams` adds POST /api/messages to the web app. Every request must carry the
Bot Connector's JWT for our app id, checked in auth.py as the Bot Framework's authentication spec
says; only `AFSPRAKEN_TEAMS_INSECURE_DEV=1` turns the check off, and says so in the log. Replies go
to the activity's serviceUrl through the SDK's connector client (channel.py), so nothing reaches
Microsoft when nothing should.

activities.py reads incoming activities, cards.py renders answers, scopes.py keeps each team's
scope, turns.py answers, endpoint.py is the route, app.py mounts it.
"""
