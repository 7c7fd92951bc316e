"""``GET /api/v1/engine/shell/``: one shell's sunlight metrics from the orbital engine, as JSON.

Routed from ``slotwatch/urls.py`` with ``include("constellations.api.engine")`` (this module is its own
URLconf). Same parameters as ``manage.py shell_metrics``; any bad or unparsable value answers 400 with
the parameter named: ``{"parameter": "altitude_km", "detail": "...", "errors": {"altitude_km": ["..."]}}``.
"""

from django.conf import settings
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from constellations import engine
from constellations.shell_query import metrics

# planes x time steps one request may ask for: 3,660 planes (CTC-1) x a year of hourly steps fits.
MAX_PLANE_STEPS = 40_000_000


class PublicRead(BasePermission):
    """Anyone may read when SLOTWATCH_PUBLIC_READ is on, signed-in users otherwise."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) or settings.SLOTWATCH_PUBLIC_READ


def _param(name, type_, description, **extra):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, **extra)


SHELL_PARAMETERS = [
    _param("altitude_km", OpenApiTypes.DOUBLE, "Circular-orbit altitude, km (150-50,000).", required=True),
    _param("inclination_deg", OpenApiTypes.DOUBLE,
           "Inclination, deg (0-180). Required unless sun_synchronous; for an SSO shell it must be within "
           "1 deg of the J2 value or be left out."),
    _param("planes", OpenApiTypes.INT, "Orbital planes, >= 1 (default 1)."),
    _param("per_plane", OpenApiTypes.INT, "Satellites per plane, >= 1 (default 1)."),
    _param("start", OpenApiTypes.DATE, "Window start, YYYY-MM-DD or ISO date-time, UTC "
           "(default 1 January of the current year, or one year before end)."),
    _param("end", OpenApiTypes.DATE, "Window end (exclusive), after start, at most 10 years later "
           "(default one year after start)."),
    _param("step_minutes", OpenApiTypes.DOUBLE, "Time step, minutes (default 60)."),
    _param("sun_synchronous", OpenApiTypes.BOOL, "A sun-synchronous shell (inclination derived from the altitude)."),
    _param("ltan", OpenApiTypes.STR, "Local time of the ascending node, HH:MM (sun-synchronous shells only)."),
    _param("ltan_spread_hours", OpenApiTypes.DOUBLE,
           "Spread of the planes' LTANs, hours (default 0 with ltan, else 24 = planes at every local time)."),
]


class ShellMetricsView(APIView):
    permission_classes = [PublicRead]

    @extend_schema(
        operation_id="engine_shell_metrics",
        summary="Sunlight metrics of one orbital shell",
        description=(
            "Orbit-average sunlit fraction of a Walker or sun-synchronous shell over a window (analytic "
            "beta-angle model with JPL DE421 Sun directions), its extremes, eclipse days, the J2 node drift, "
            "and the sustained compute yield under each engine profile."
        ),
        parameters=SHELL_PARAMETERS,
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="Shell metrics."),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="A parameter is missing, unparsable or "
                                 "out of range; `parameter` names it.",
                                 examples=[OpenApiExample("altitude too low", value={
                                     "parameter": "altitude_km",
                                     "detail": "altitude_km: 100.0 is outside 150.0..50000.0",
                                     "errors": {"altitude_km": ["100.0 is outside 150.0..50000.0"]}})]),
        },
        tags=["engine"],
    )
    def get(self, request):
        try:
            document = metrics(request.query_params, max_plane_steps=MAX_PLANE_STEPS)
        except engine.EngineInputError as error:
            return Response(
                {"parameter": error.parameter, "detail": str(error), "errors": {error.parameter: [error.message]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(document)


urlpatterns = [path("shell/", ShellMetricsView.as_view(), name="engine-shell")]
