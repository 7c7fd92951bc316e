"""Physical constants of the catalog layer, each with its source.

Kept separate from ``constellations.engine.constants`` so this package stays importable on its own;
the values are the same ones the engine uses.
"""

# Earth's gravitational parameter, km^3/s^2: WGS84/EGM96 3.986004418e14 m^3/s^2, the value pySSEM uses
# (shared/reference/engine.md, Part A.2). SGP4 itself uses WGS72 (398600.8); the difference moves a
# LEO semi-major axis by about 2 mm, far below anything this layer measures.
MU_EARTH_KM3_S2 = 398600.4418

# Earth's equatorial radius, km: WGS84 (engine.md A.3 uses R_E = 6378.137 km).
EARTH_EQUATORIAL_RADIUS_KM = 6378.137

# Second zonal harmonic, EGM-96 as rounded by Vallado ("Fundamentals of Astrodynamics"); used only to
# find the sun-synchronous inclination of a shell.
J2 = 1.08263e-3

# One tropical year, days (engine.md B.2: "SSO when dRAAN/dt = 360 deg / 365.2422 d").
TROPICAL_YEAR_DAYS = 365.2422

SECONDS_PER_DAY = 86400.0
MINUTES_PER_DAY = 1440.0
