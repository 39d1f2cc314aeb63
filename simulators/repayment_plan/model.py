"""Can I afford a plan? Staying overdue against a negotiated instalment plan against a new loan.

- Staying overdue: nothing is paid on the card; each month brings interest (which then bears
  interest) and the card's penalty on the unpaid minimum, and the debt stays overdue.
- A negotiated instalment plan (个性化分期还款): the card debt is repaid in equal monthly
  instalments over at most 60 months. The bank may agree, it does not have to; whether interest
  and fees are charged during the plan is one of the terms agreed (CBRC Order 2011 No. 2,
  Art. 70).
- A consolidation loan: a new loan at a rate the reader enters repays the card at once and is
  itself repaid in equal instalments; a fee charged on it is counted as a cost.

Each option reports its monthly payment, months, total paid and total cost (paid minus the debt
today), computed with the same schedule engine as every other loan in the book.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

MAX_PLAN_MONTHS = 60  # Art. 70: a personalised instalment agreement lasts at most 5 years


@dataclass(frozen=True)
class Option:
    kind: str  # "stay_overdue", "plan" or "loan"
    months: int
    first_payment: int  # cents
    total_paid: int
    total_cost: int  # total paid (or owed, when overdue) minus the debt today
    owed_at_end: int  # still owed after ``months`` (only staying overdue leaves a debt)
    warnings: tuple = ()  # of core.warnings.Warning: what the option could mislead about


@dataclass(frozen=True)
class CreditView:
    """``before``: the codes of the months already missed (oldest first); ``codes``: the codes
    from the first month of the option on; ``overdue_ends`` the day the overdue ends (None while
    it goes on, or when nothing was missed); ``visible_until`` the day the late months stop
    being shown (None: shown as long as the debt is unpaid, then 5 more years)."""

    before: tuple
    codes: tuple
    overdue_ends: Optional[dt.date]
    visible_until: Optional[dt.date]
    still_overdue: bool
    late_codes: tuple = ()  # the report's codes for a late month, least late first

    @property
    def worst(self) -> Optional[str]:
        late = [c for c in self.before + self.codes if c in self.late_codes]
        return max(late, key=self.late_codes.index) if late else None
