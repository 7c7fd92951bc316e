"""A small registry for the page tests, and the full bundled dataset for the bench and browser tests."""

import datetime as dt

from compliance.evaluation import refresh_milestones
from filings.models import MilestoneCondition, Waiver
from tests.factories import (
    AdministrationFactory, ConstellationFactory, DeploymentReportFactory, FilingFactory, FilingShellFactory,
    OperatorFactory, SourceFactory,
)

TODAY = dt.date(2026, 11, 25)


def build_small(as_of: dt.date | None = None) -> dict:
    """Five filings over three administrations: FCC grants with deployment, ITU filings, an SSO shell,
    a superseded filing; Milestone rows evaluated as of ``as_of`` (today by default)."""
    usa = AdministrationFactory(iso_code="USA")
    chn = AdministrationFactory(iso_code="CHN")
    gbr = AdministrationFactory(iso_code="GBR")
    amazon = OperatorFactory(key="kuiper-systems", name="Kuiper Systems LLC", short_name="Amazon",
                             administration=usa)
    spacex = OperatorFactory(key="spacex", name="Space Exploration Holdings", short_name="SpaceX",
                             administration=usa)
    ssst = OperatorFactory(key="ssst", name="Shanghai Spacesail Technologies", short_name="Spacesail",
                           administration=chn)
    fcc_source = SourceFactory(key="fcc-20-102", url="https://docs.fcc.gov/public/attachments/FCC-20-102A1.pdf",
                               title="FCC 20-102 Kuiper authorisation", publisher="FCC",
                               accessed_on=dt.date(2026, 10, 1))
    kuiper_c = ConstellationFactory(key="kuiper", name="Kuiper", operator=amazon, administration=usa)
    starlink_c = ConstellationFactory(key="starlink", name="Starlink", operator=spacex, administration=usa)
    qianfan_c = ConstellationFactory(key="qianfan", name="Qianfan", operator=ssst, administration=chn)

    kuiper = FilingFactory(
        key="kuiper-gen1", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation", administration=usa,
        operator=amazon, constellation=kuiper_c, reference="SAT-LOA-20190704-00057",
        date_of_receipt=dt.date(2019, 7, 4), grant_date=dt.date(2020, 7, 30), satellites_filed=3236,
        satellites_authorised=3236, status="granted", confidence="confirmed", frequency_bands="Ka",
    )
    kuiper.sources.add(fcc_source)
    for i, (alt, inc, planes, per) in enumerate(((590, 33, 28, 28), (610, 42, 36, 36), (630, 51.9, 34, 34)), 1):
        shell = FilingShellFactory(filing=kuiper, ordinal=i, altitude_km=alt, inclination_deg=inc, planes=planes,
                                   satellites_per_plane=per, satellite_count=planes * per, confidence="confirmed")
        shell.sources.add(fcc_source)
    MilestoneCondition.objects.create(filing=kuiper, milestone="fcc_m50", due_date=dt.date(2026, 7, 30))
    Waiver.objects.create(filing=kuiper, milestone="fcc_m50", kind="extension", granted_on=dt.date(2026, 6, 5),
                          extended_to=dt.date(2028, 7, 30))
    DeploymentReportFactory(constellation=kuiper_c, as_of=dt.date(2025, 12, 1), launched=180)
    DeploymentReportFactory(constellation=kuiper_c, as_of=dt.date(2026, 6, 8), launched=331)

    starlink = FilingFactory(
        key="starlink-gen1", name="Starlink Gen1", regulator="fcc", kind="fcc_authorisation", administration=usa,
        operator=spacex, constellation=starlink_c, date_of_receipt=dt.date(2016, 11, 15),
        grant_date=dt.date(2018, 3, 29), satellites_filed=4408, satellites_authorised=4408, status="granted",
    )
    FilingShellFactory(filing=starlink, ordinal=1, altitude_km=550, inclination_deg=53, planes=72,
                       satellites_per_plane=22, satellite_count=1584)
    FilingShellFactory(filing=starlink, ordinal=2, altitude_km=560, inclination_deg=97.6, sun_synchronous=True,
                       planes=6, satellites_per_plane=58, satellite_count=348)
    DeploymentReportFactory(constellation=starlink_c, as_of=dt.date(2024, 1, 1), in_orbit=5200)
    DeploymentReportFactory(constellation=starlink_c, as_of=dt.date(2026, 1, 3), in_orbit=9400)

    qianfan = FilingFactory(
        key="qianfan-itu", name="Qianfan (ITU)", regulator="itu", kind="itu_cr", administration=chn, operator=ssst,
        constellation=qianfan_c, reference="CHN2023-12345", date_of_receipt=dt.date(2023, 3, 1),
        satellites_filed=12992, status="filed", res35_applies=True,
    )
    FilingShellFactory(filing=qianfan, ordinal=1, altitude_km=1160, inclination_deg=89, planes=18,
                       satellites_per_plane=36, satellite_count=648)
    FilingShellFactory(filing=qianfan, ordinal=2, altitude_km=555, inclination_deg=52, satellite_count=3000)
    DeploymentReportFactory(constellation=qianfan_c, as_of=dt.date(2025, 1, 1), in_orbit=54)
    DeploymentReportFactory(constellation=qianfan_c, as_of=dt.date(2026, 3, 1), in_orbit=108)

    ctc = FilingFactory(key="ctc-1", name="CTC-1", regulator="itu", kind="itu_cr", administration=chn,
                        reference="CHN2025-79441", date_of_receipt=dt.date(2025, 12, 29),
                        satellites_filed=96714, status="filed")
    old = FilingFactory(key="oneweb-old", name="OneWeb phase 2 (superseded)", regulator="itu", kind="itu_api",
                        administration=gbr, satellites_filed=6372, status="superseded")
    FilingShellFactory(filing=old, ordinal=1, altitude_km=1200, inclination_deg=87.9, satellite_count=6372)
    refresh_milestones(as_of or TODAY)
    return {"kuiper": kuiper, "starlink": starlink, "qianfan": qianfan, "ctc": ctc, "old": old}


def load_bundled() -> None:
    """The curated dataset shipped in filings/data/, evaluated as of today (what `make run` shows)."""
    from filings.reference import load_reference

    load_reference()
    refresh_milestones()
