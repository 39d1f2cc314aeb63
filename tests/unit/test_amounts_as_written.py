"""Amounts are accepted as people write them: 3万, 3万元, 3.5万, 30,000, 30000元, full-width digits;
anything else still gets its clear message."""

import pytest

from simulators.core.fields import ScenarioError, parse_number
from simulators.late_payment.inputs import scenario_from_dict


@pytest.mark.parametrize("typed, value", [
    ("3万", 30_000), ("3万元", 30_000), ("3.5万", 35_000), ("3.5 万元", 35_000),
    ("30,000", 30_000), ("30000元", 30_000), ("30，000元", 30_000), ("¥30,000", 30_000),
    ("￥3万", 30_000), ("３万", 30_000), ("３０，０００", 30_000), ("8千", 8_000),
    ("0.8万", 8_000), (" 20000 ", 20_000),
])
def test_an_amount_as_people_write_it(typed, value):
    assert parse_number(typed, "loan.principal") == pytest.approx(value)


@pytest.mark.parametrize("typed", ["万", "3万万", "abc", "三万", "3w", "", "--5", "3万%"])
def test_what_is_not_an_amount_is_refused_by_name(typed):
    with pytest.raises(ScenarioError) as e:
        parse_number(typed, "loan.principal")
    assert [(x.field, x.code) for x in e.value.errors] == [("loan.principal", "not_a_number")]


def test_a_scenario_file_may_write_the_amount_in_wan():
    scenario = scenario_from_dict({"preset": "cn_internet_instalment", "loan": {"principal": "3万元"}})
    assert scenario.loan.principal == 30_000


def test_a_percent_field_reads_a_full_width_percent_sign():
    assert parse_number("12％", "loan.annual_rate", percent=True) == pytest.approx(0.12)
