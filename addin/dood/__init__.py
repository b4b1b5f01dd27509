"""The Day Out of Days (DOOD): one row per cast member, one column per shoot day.

Modelled on Movie Magic Scheduling's Day Out of Days report
(https://mms-docs.ep.com/DayOutofDays/DayOutofDays.html, named as the source of
the codes in the industry rules we were given; the page itself was not in the
reference search index we could reach, so what follows is what those rules and
the issue state, and every choice beyond them is ProdDesk's and says so):

- Codes: ``SW`` start work (the first work day), ``W`` work, ``WF`` work finish
  (the last work day), ``SWF`` a one-day role, ``H`` hold (a day between two work
  days with no scene of theirs), ``T`` travel, and drop / pick up (``W/D``,
  ``PU/W``) after more than ``DOOD Drop Days`` (Settings, default 10) off. Each
  shoot day's code comes from ``addin.cast_days.CastDays.code``, the one function
  the call sheet's status column and ``PD_SWHF`` use too, so all three agree.
- Totals like Movie Magic's: work, hold, travel, their total, the drops, and the
  start and finish dates (first and last work day). Movie Magic's holiday count
  is not made: a ProdDesk book has no holidays or off days to count.
"""
