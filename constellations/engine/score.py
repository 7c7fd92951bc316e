"""The filing score: weighted, documented components in [0, 1] and their total."""

from dataclasses import asdict, dataclass
from typing import Mapping, Optional

from .errors import EngineInputError
from .geometry import _check_range

# Product choice, not physics (assumption): feasibility weighs most because a filing that cannot be
# deployed by its milestones claims nothing; contention next; the compute yield last.
DEFAULT_WEIGHTS = {"deployment_feasibility": 0.40, "orbital_contention": 0.35, "compute_yield": 0.25}


@dataclass(frozen=True)
class ScoreComponent:
    name: str
    value: float  # in [0, 1], higher is better
    weight: float
    weighted: float
    explanation: str


@dataclass(frozen=True)
class FilingScore:
    filing_id: str
    components: tuple[ScoreComponent, ...]
    total: float

    def to_dict(self) -> dict:
        return asdict(self)


def _weights(weights: Optional[Mapping[str, float]]) -> dict:
    chosen = dict(DEFAULT_WEIGHTS if weights is None else weights)
    if set(chosen) != set(DEFAULT_WEIGHTS):
        raise EngineInputError("weights", f"need exactly {sorted(DEFAULT_WEIGHTS)}")
    for name, w in chosen.items():
        _check_range(f"weights[{name}]", w, 0.0, 1.0)
    if abs(sum(chosen.values()) - 1.0) > 1e-9:
        raise EngineInputError("weights", f"must sum to 1, got {sum(chosen.values())}")
    return chosen


def score_filing(
    filing_id: str,
    deployment_feasibility: float,
    contention_fit: float,
    sunlit_fraction: float,
    weights: Optional[Mapping[str, float]] = None,
) -> FilingScore:
    """Combine the three components; each input is in [0, 1].

    deployment_feasibility: from the rules core (milestone status and deployment rate).
    contention_fit: CapacityReport.filing_fit(filing_id), the share of the filing's satellites that
        fit if every band it claims were shared pro rata under the capacity model.
    sunlit_fraction: satellite-weighted mean sunlit fraction of the filing's shells; the one factor of
        the compute yield that depends on the orbit (the others are profile constants).
    """
    w = _weights(weights)
    values = {
        "deployment_feasibility": _check_range("deployment_feasibility", deployment_feasibility, 0.0, 1.0),
        "orbital_contention": _check_range("contention_fit", contention_fit, 0.0, 1.0),
        "compute_yield": _check_range("sunlit_fraction", sunlit_fraction, 0.0, 1.0),
    }
    explanations = {
        "deployment_feasibility": f"{values['deployment_feasibility']:.2f} from the milestone rules core",
        "orbital_contention": f"{values['orbital_contention']:.0%} of the satellites fit under the "
        "geometric capacity model when each band is shared pro rata",
        "compute_yield": f"arrays sunlit {values['compute_yield']:.1%} of the time on average over the window",
    }
    components = tuple(
        ScoreComponent(name, values[name], w[name], values[name] * w[name], explanations[name]) for name in DEFAULT_WEIGHTS
    )
    return FilingScore(filing_id, components, sum(comp.weighted for comp in components))
