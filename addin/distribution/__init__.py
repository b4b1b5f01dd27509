"""Sending the call sheet: one message per person, the Distribution tab, confirmations.

``settings`` (mail and confirm configuration) -> ``recipients`` (who is on the day's call
sheet, with their email) -> ``message`` (one ``Outgoing`` per person) -> ``smtp`` (sent over
one connection) -> ``tab`` (the Distribution tab: who got it, who confirmed);
``command`` is ``proddesk send``.
"""
