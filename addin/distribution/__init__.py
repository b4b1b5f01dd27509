"""Sending the call sheet to each person and bringing their confirmations back.

``settings`` (mail and confirm configuration) -> ``recipients`` (who is on the day's call
sheet, with their email) -> ``message`` (one ``Outgoing`` per person, with its Confirm link
from ``tokens``) -> ``smtp`` (sent over one connection) -> ``tab`` (the Distribution tab:
who got it, who confirmed); ``command`` is ``proddesk send``.
"""
