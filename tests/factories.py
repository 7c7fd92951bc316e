"""factory_boy factories for the registry (filings) and the catalog (constellations).

Each factory fills in only what a model requires (a unique key, a name, the administration a filing
belongs to); every optional fact stays at the model's default, so a test names the facts it relies on.
Rows are made with ``Model.objects.create``, so ``save()`` runs the models' ``full_clean()`` as usual.

    usa = AdministrationFactory(iso_code="USA")          # itu_symbol "USA", name "United States"
    filing = FilingFactory(administration=usa, regulator="fcc", satellites_filed=3236)
    FilingShellFactory(filing=filing, altitude_km=590, inclination_deg=33)
"""

import datetime as dt
import string

import factory
from factory.django import DjangoModelFactory

from constellations.models import Constellation, DeploymentReport, SpaceObject
from filings.models import Administration, Filing, FilingKind, FilingShell, Operator, Regulator, Source

# The administrations the suites name, with the ITU symbol and name each test used to spell out.
KNOWN_ADMINISTRATIONS = {
    "USA": ("USA", "United States"),
    "CHN": ("CHN", "China"),
    "GBR": ("G", "United Kingdom"),
}

# ISO 3166-1 leaves XAA-XZZ to its users: generated codes never collide with a real country a test names.
_LETTERS = string.ascii_uppercase


def generated_iso_code(n: int) -> str:
    """The n-th code of the user-assigned block XAA, XAB, ... XZZ (wrapping: the database is fresh per test)."""
    n %= len(_LETTERS) ** 2
    return "X" + _LETTERS[n // len(_LETTERS)] + _LETTERS[n % len(_LETTERS)]


def _known(iso_code: str, index: int, default: str) -> str:
    known = KNOWN_ADMINISTRATIONS.get(iso_code)
    return known[index] if known else default


def _with_sources(instance, create, sources):
    """``FooFactory(sources=[...])`` attaches sources after the row exists (a many-to-many needs a pk)."""
    if create and sources:
        instance.sources.set(sources)


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    key = factory.Sequence(lambda n: f"source-{n}")
    url = factory.LazyAttribute(lambda source: f"https://example.org/sources/{source.key}")
    title = factory.LazyAttribute(lambda source: f"Source {source.key}")


class AdministrationFactory(DjangoModelFactory):
    class Meta:
        model = Administration
        skip_postgeneration_save = True

    iso_code = factory.Sequence(generated_iso_code)
    itu_symbol = factory.LazyAttribute(lambda admin: _known(admin.iso_code, 0, admin.iso_code))
    name = factory.LazyAttribute(lambda admin: _known(admin.iso_code, 1, f"Administration {admin.iso_code}"))
    sources = factory.PostGeneration(_with_sources)


class OperatorFactory(DjangoModelFactory):
    class Meta:
        model = Operator
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"operator-{n}")
    name = factory.LazyAttribute(lambda operator: f"Operator {operator.key}")
    short_name = factory.LazyAttribute(lambda operator: operator.name)
    administration = factory.SubFactory(AdministrationFactory)
    sources = factory.PostGeneration(_with_sources)


def default_kind(regulator: str) -> str:
    """A kind the model accepts for the regulator: ITU filings are API/CR/notification, the rest are not."""
    if regulator == Regulator.ITU:
        return FilingKind.ITU_CR
    if regulator == Regulator.FCC:
        return FilingKind.FCC_APPLICATION
    return FilingKind.NATIONAL_LICENCE


class FilingFactory(DjangoModelFactory):
    class Meta:
        model = Filing
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"filing-{n}")
    name = factory.LazyAttribute(lambda filing: filing.key.upper())
    regulator = Regulator.ITU
    kind = factory.LazyAttribute(lambda filing: default_kind(filing.regulator))
    administration = factory.SubFactory(AdministrationFactory)
    sources = factory.PostGeneration(_with_sources)


class FilingShellFactory(DjangoModelFactory):
    class Meta:
        model = FilingShell
        skip_postgeneration_save = True

    filing = factory.SubFactory(FilingFactory)
    # The next free position in its filing (a filing has one shell per ordinal).
    ordinal = factory.LazyAttribute(lambda shell: shell.filing.shells.count() + 1)
    altitude_km = 550.0
    sources = factory.PostGeneration(_with_sources)


class ConstellationFactory(DjangoModelFactory):
    """A constellation; one created under a tracked key ("kuiper", ...) gets its default membership rules."""

    class Meta:
        model = Constellation
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"constellation-{n}")
    name = factory.LazyAttribute(lambda constellation: constellation.key.title())
    sources = factory.PostGeneration(_with_sources)


class SpaceObjectFactory(DjangoModelFactory):
    class Meta:
        model = SpaceObject

    # Far above the real catalog's numbers, so a generated object never shadows a real NORAD id.
    norad_id = factory.Sequence(lambda n: 900_000 + n)
    name = factory.LazyAttribute(lambda obj: f"OBJECT {obj.norad_id}")


class DeploymentReportFactory(DjangoModelFactory):
    """A dated count for a constellation, or for a filing when ``filing=`` is given (never both)."""

    class Meta:
        model = DeploymentReport
        skip_postgeneration_save = True

    filing = None
    constellation = factory.Maybe("filing", yes_declaration=None,
                                  no_declaration=factory.SubFactory(ConstellationFactory))
    as_of = dt.date(2026, 1, 1)
    launched = None
    # A report needs a count: in orbit unless the test gives the count launched.
    in_orbit = factory.LazyAttribute(lambda report: 0 if report.launched is None else None)
    sources = factory.PostGeneration(_with_sources)
