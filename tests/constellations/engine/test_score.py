import pytest

from constellations.engine import DEFAULT_WEIGHTS, EngineInputError, score_filing


def test_score_components_weights_and_total():
    score = score_filing("f1", 0.5, 0.25, 0.9)
    by_name = {c.name: c for c in score.components}
    assert set(by_name) == set(DEFAULT_WEIGHTS)
    assert by_name["orbital_contention"].weighted == pytest.approx(0.25 * DEFAULT_WEIGHTS["orbital_contention"])
    assert score.total == pytest.approx(0.5 * 0.40 + 0.25 * 0.35 + 0.9 * 0.25)
    assert all(c.explanation for c in score.components)
    assert score.to_dict()["components"][0]["name"] == "deployment_feasibility"


def test_custom_weights_must_sum_to_one():
    w = {"deployment_feasibility": 1.0, "orbital_contention": 0.0, "compute_yield": 0.0}
    assert score_filing("f", 0.3, 1, 1, w).total == pytest.approx(0.3)
    with pytest.raises(EngineInputError) as err:
        score_filing("f", 0.3, 1, 1, {**w, "compute_yield": 0.5})
    assert err.value.parameter == "weights"


@pytest.mark.parametrize("args, parameter", [((1.5, 0.5, 0.5), "deployment_feasibility"),
                                             ((0.5, -0.1, 0.5), "contention_fit"),
                                             ((0.5, 0.5, float("nan")), "sunlit_fraction")])
def test_score_inputs_validated(args, parameter):
    with pytest.raises(EngineInputError) as err:
        score_filing("f", *args)
    assert err.value.parameter == parameter
