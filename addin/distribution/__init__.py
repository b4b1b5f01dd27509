"""Sending the call sheet to each person and bringing their confirmations back."""
