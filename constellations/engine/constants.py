"""Physical constants, each with its source (see ../shared/reference/engine.md)."""

import math

# Earth's gravitational parameter, km^3/s^2: WGS84/EGM96 value 3.986004418e14 m^3/s^2, the value
# pySSEM uses (engine.md A.2).
MU_KM3_S2 = 398600.4418

# Earth's equatorial radius, km: WGS84 (engine.md uses 6378.137 km for its eclipse tables, B.2).
EARTH_RADIUS_KM = 6378.137

# Radius of the Earth's shadow cylinder, km. skyfield's is_sunlit() tests against a sphere of
# ERAD = 6378136.6 m (engine.md B.8); using the same radius keeps the analytic model and its
# reference on the same Earth.
SHADOW_RADIUS_KM = 6378.1366

# Second zonal harmonic: 1.08263e-3 (Vallado, "Fundamentals of Astrodynamics", EGM-96 J2 as
# rounded in the issue); drives the nodal drift of every non-SSO shell.
J2 = 1.08263e-3

# Mean motion of the mean sun, rad/s: one tropical year of 365.2422 days (engine.md B.2, "SSO when
# dRAAN/dt = 360 deg / 365.2422 d").
TROPICAL_YEAR_DAYS = 365.2422
MEAN_SUN_RATE_RAD_S = 2.0 * math.pi / (TROPICAL_YEAR_DAYS * 86400.0)

# Mean longitude of the sun at J2000.0 and its daily rate, degrees (Astronomical Almanac low-precision
# solar coordinates, also Meeus ch. 25); the fictitious mean sun's right ascension equals it.
MEAN_SUN_L0_DEG = 280.460
MEAN_SUN_RATE_DEG_PER_DAY = 0.9856474
JD_J2000 = 2451545.0

# Solar constant, W/m^2: 1361.1 (Gueymard) / 1360.8 +- 0.5 (Kopp & Lean 2011); engine.md B.1.
SOLAR_CONSTANT_W_M2 = 1361.0

# Hours in a Julian year (365.25 d), used to turn average power into energy per year.
HOURS_PER_YEAR = 8766.0

# Lower and upper altitude limits the engine accepts, km. 150 km is below any sustained orbit
# (pySSEM/MOCAT shells start at 200 km, engine.md A.2); 50,000 km is beyond GEO (35,786 km).
MIN_ALTITUDE_KM = 150.0
MAX_ALTITUDE_KM = 50000.0
