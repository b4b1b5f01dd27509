"""The Day Out of Days (DOOD): one row per cast member, one column per shoot day.

Modelled on Movie Magic Scheduling's Day Out of Days report
(https://mms-docs.ep.com/DayOutofDays/DayOutofDays.html, named as the source of
the codes in the industry rules we were given; the page itself was not in the
reference search index we could reach, so what follows is what those rules and
the issue state, and every choice beyond them is ProdDesk's and says so):

- Codes: ``SW`` start work (the first work day), ``W`` work, ``WF`` work finish
  (the last work day), ``SWF`` a one-day role, ``H`` hold (a day between two work
  days with no scene of theirs), ``T`` travel. They are the call sheet's SWHF
  letters (``addin.cast_days.swhf``) written the DOOD way: S is SW, F is WF.
- Drop / pick up: a performer off for more days than ``DOOD Drop Days``
  (Settings, default 10) between two work days is dropped and picked up again
  rather than held: the last work day before the gap gets ``/D`` (``W/D``,
  ``SW/D``), the first after it ``PU/`` (``PU/W``, ``PU/WF``), and the days
  between are not holds. ProdDesk counts the calendar days between the two work
  dates (both dated), else the shoot days between them.
- Totals like Movie Magic's: work, hold, travel, their total, the drops, and the
  start and finish dates (first and last work day). Movie Magic's holiday count
  is not made: a ProdDesk book has no holidays or off days to count.
"""
