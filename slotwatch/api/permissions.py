"""Who may do what through the API.

- read: anyone when ``SLOTWATCH_PUBLIC_READ`` is on, signed-in users otherwise (views with
  ``members_only = True`` and actions in ``members_only_actions``, such as change records, always need a signed-in
  user);
- create and change: staff, and members of the "editors" group on views with ``editor_writable = True``;
- delete: staff only.

A refused signed-in user gets 403; an anonymous one 401 with a ``WWW-Authenticate: Token`` header.
"""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

__all__ = ("EDITORS_GROUP", "RegistryPermission", "is_editor")

EDITORS_GROUP = "editors"


def is_editor(user) -> bool:
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_slotwatch_is_editor"):
        user._slotwatch_is_editor = user.groups.filter(name=EDITORS_GROUP).exists()
    return user._slotwatch_is_editor


class RegistryPermission(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        if request.method in SAFE_METHODS:
            if user.is_authenticated:
                return True
            members_only = getattr(view, "members_only", False) or (
                getattr(view, "action", None) in getattr(view, "members_only_actions", ())
            )
            return settings.SLOTWATCH_PUBLIC_READ and not members_only
        if not user.is_authenticated:
            return False
        if user.is_staff:
            return True
        if request.method == "DELETE":
            return False
        return getattr(view, "editor_writable", False) and is_editor(user)
