import pytest
from django.core.exceptions import ImproperlyConfigured

from slotwatch.env import env_rate


@pytest.mark.parametrize("value", ["120/minute", "5/second", "1000/hour", "10/day", "3/m"])
def test_rates_are_read(value):
    assert env_rate("RATE", "1/minute", environ={"RATE": value}) == value


@pytest.mark.parametrize("value", ["fast", "0/minute", "10/fortnight", "-1/second", "10"])
def test_bad_rates_stop_the_process_naming_the_variable(value):
    with pytest.raises(ImproperlyConfigured, match="SLOTWATCH_API_ANON_RATE"):
        env_rate("SLOTWATCH_API_ANON_RATE", "1/minute", environ={"SLOTWATCH_API_ANON_RATE": value})
