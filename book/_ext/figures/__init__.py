"""Lesson figures: one module per lesson that computes every number, table and chart the lesson
shows, with the engine, in the language it is asked for.

Both editions of a lesson (``book/PART/PAGE.md`` and ``book/zh/PART/PAGE.md``) call the same
module, ``figures.PART_PAGE`` (hyphens become underscores), with their language::

    from figures import late_payment_cost
    late_payment_cost.glue_figures("zh")

so the English and Chinese pages cannot drift apart in their numbers: only their words differ.
A module computes with ``simulators`` and glues with ``lessonkit``; it never holds a number that
the engine can compute.
"""
