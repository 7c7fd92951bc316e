"""Print one shell's sunlight metrics (and its compute yield under each profile) from the orbital engine."""

import json

from django.core.management.base import BaseCommand, CommandError

from constellations import engine
from constellations.shell_query import metrics


class Command(BaseCommand):
    help = (
        "Sunlit statistics of one Walker or sun-synchronous shell over a window, e.g. "
        "--altitude-km 550 --inclination-deg 53 --planes 72 --per-plane 22 --start 2027-01-01 --end 2028-01-01, "
        "or --sun-synchronous --ltan 06:00 instead of an inclination."
    )

    def add_arguments(self, parser):
        # Text on purpose: the shared parser names the parameter in every error.
        parser.add_argument("--altitude-km", required=True, help="Altitude, km (150-50,000).")
        parser.add_argument("--inclination-deg", help="Inclination, deg (0-180); derived for --sun-synchronous.")
        parser.add_argument("--planes", help="Orbital planes (default 1).")
        parser.add_argument("--per-plane", help="Satellites per plane (default 1).")
        parser.add_argument("--start", help="Window start, YYYY-MM-DD (default: 1 January this year, UTC).")
        parser.add_argument("--end", help="Window end, YYYY-MM-DD, exclusive (default: one year after the start).")
        parser.add_argument("--step-minutes", help="Time step, minutes (default 60).")
        parser.add_argument("--sun-synchronous", action="store_true", help="A sun-synchronous shell.")
        parser.add_argument("--ltan", help="Local time of the ascending node, HH:MM (sun-synchronous only).")
        parser.add_argument("--ltan-spread-hours", help="Spread of the planes' LTANs, hours "
                            "(default 0 with --ltan, else 24).")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, **options):
        names = ("altitude_km", "inclination_deg", "planes", "per_plane", "start", "end", "step_minutes",
                 "ltan", "ltan_spread_hours")
        params = {name: options[name] for name in names if options.get(name) is not None}
        params["sun_synchronous"] = options["sun_synchronous"]
        try:
            document = metrics(params)
        except engine.EngineInputError as error:
            raise CommandError(f"--{error.parameter.replace('_', '-')}: {error.message}") from None
        if options["json"]:
            self.stdout.write(json.dumps(document, indent=2))
            return
        s = document["sunlit"]
        orbit = ("SSO LTAN %.2f h" % document["ltan_hours"]) if document["sun_synchronous"] else ""
        self.stdout.write(
            f"{document['altitude_km']:g} km, {document['inclination_deg']:.2f} deg {orbit}, "
            f"{document['planes']} x {document['per_plane']} = {document['satellites']:,} satellites\n"
            f"window {document['start']} .. {document['end']}, {document['steps']:,} steps of "
            f"{document['step_minutes']:g} min; node drift {document['raan_drift_deg_per_day']:+.3f} deg/day\n"
            f"sunlit fraction: mean {s['mean']:.4f}, worst orbit {s['minimum']:.4f}, best {s['maximum']:.4f}; "
            f"plane means {s['plane_mean_min']:.4f}..{s['plane_mean_max']:.4f}\n"
            f"eclipse on {s['eclipse_days']} of {s['window_days']} days; beta {s['beta_min_deg']:.1f}.."
            f"{s['beta_max_deg']:.1f} deg (no eclipse above {s['beta_star_deg']:.1f} deg)"
        )
        for name, y in document["compute_yield"].items():
            self.stdout.write(f"{name}: {y['sustained_pflops']:,.1f} PFLOP/s sustained, "
                              f"{y['energy_mwh_per_year']:,.0f} MWh/yr")
