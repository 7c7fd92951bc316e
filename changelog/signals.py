"""Record every change to a tracked model made within a change context (each web request has one).

Tracked models and the field naming each one's owner are listed in ``TRACKED``; add a model there to record its
changes. Values are stored as JSON (dates as ISO text, relations as ids, many-to-many as sorted keys).
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import signals

from changelog.models import ChangeRecord
from changelog.state import current
from changelog.versions import bump

# "app.Model": the foreign key naming the owning record whose history also shows this model's changes, or None.
TRACKED = {
    "filings.Source": None,
    "filings.Administration": None,
    "filings.Operator": None,
    "filings.Filing": None,
    "filings.FilingShell": "filing",
    "filings.MilestoneCondition": "filing",
    "filings.Waiver": "filing",
    "filings.FilingNotice": "filing",
    "filings.ItuListEntry": "filing",
    "constellations.Constellation": None,
    "constellations.DeploymentReport": "filing",
}


def _plain(value):
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _fields(model):
    return [
        field for field in model._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def snapshot(instance) -> dict:
    return {field.attname: _plain(field.value_from_object(instance)) for field in _fields(type(instance))}


def _key(instance):
    return ContentType.objects.get_for_model(type(instance)).pk, instance.pk


def _owner(instance):
    field = TRACKED.get(instance._meta.label)
    if field is None:
        return None, None
    owner_id = getattr(instance, f"{field}_id", None)
    if owner_id is None:
        return None, None
    related_model = instance._meta.get_field(field).related_model
    return ContentType.objects.get_for_model(related_model), owner_id


def _merge(diff: dict, more: dict) -> dict:
    for name, (before, after) in more.items():
        if name in diff:
            diff[name] = [diff[name][0], after]
            if diff[name][0] == after:
                del diff[name]
        else:
            diff[name] = [before, after]
    return diff


def record(instance, action: str, diff: dict) -> None:
    context = current()
    if context is None:
        return
    key = _key(instance)
    existing = context.records.get(key)
    if existing is not None:
        if action == ChangeRecord.Action.DELETE or existing.action == ChangeRecord.Action.DELETE:
            existing.action = ChangeRecord.Action.DELETE
        existing.diff = _merge(existing.diff, diff)
        existing.object_repr = str(instance)[:300]
        existing.save(update_fields=["action", "diff", "object_repr"])
        return
    if action == ChangeRecord.Action.UPDATE and not diff:
        return
    user = context.who()
    related_type, related_id = _owner(instance)
    context.records[key] = ChangeRecord.objects.create(
        user=user, user_name=user.get_username() if user else "", via=context.via,
        request_id=context.request_id, action=action, object_type_id=key[0], object_id=instance.pk,
        object_repr=str(instance)[:300], related_type=related_type, related_id=related_id, diff=diff,
    )


# -- model saves and deletes ---------------------------------------------------------------------------------


def before_save(sender, instance, raw=False, **kwargs):
    context = current()
    if context is None or raw or instance.pk is None:
        return
    key = _key(instance)
    if key not in context.before:
        stored = sender._default_manager.filter(pk=instance.pk).first()
        context.before[key] = snapshot(stored) if stored is not None else None
        if stored is not None and sender._meta.many_to_many:
            context.m2m_snapshots.setdefault(key, m2m_snapshot(stored))


def after_save(sender, instance, created, raw=False, **kwargs):
    context = current()
    if context is None or raw:
        return
    after = snapshot(instance)
    before = None if created else context.before.pop(_key(instance), None)
    if before is None:
        diff = {name: [None, value] for name, value in after.items() if value not in (None, "")}
        record(instance, "create" if created else "update", diff)
    else:
        diff = {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}
        record(instance, "update", diff)


def before_delete(sender, instance, **kwargs):
    context = current()
    if context is not None:
        context.deleting.add(_key(instance))


def after_delete(sender, instance, **kwargs):
    if current() is None:
        return
    diff = {name: [value, None] for name, value in snapshot(instance).items() if value not in (None, "")}
    record(instance, "delete", diff)


# -- many-to-many ----------------------------------------------------------------------------------------------


def _m2m_keys(instance, field) -> list:
    related = field.related_model
    attr = "key" if any(f.name == "key" for f in related._meta.fields) else "pk"
    return sorted(str(value) for value in getattr(instance, field.name).values_list(attr, flat=True))


def _m2m_field(model, through):
    for field in model._meta.many_to_many:
        if field.remote_field.through is through:
            return field
    return None


def m2m_changed(sender, instance, action, reverse, **kwargs):
    context = current()
    if context is None or reverse or instance._meta.label not in TRACKED:
        return
    field = _m2m_field(type(instance), sender)
    if field is None:
        return
    key = (*_key(instance), field.name)
    if action.startswith("pre_"):
        context.m2m_before.setdefault(key, _m2m_keys(instance, field))
    else:
        before = context.m2m_before.pop(key, None)
        after = _m2m_keys(instance, field)
        if before is not None and before != after:
            record(instance, "update", {field.name: [before, after]})


def m2m_snapshot(instance) -> dict:
    return {field.name: _m2m_keys(instance, field) for field in type(instance)._meta.many_to_many}


def finish(context) -> None:
    """At the end of a request, add the many-to-many changes no signal reported.

    The admin edits sources through an inline of the auto-created through model, and Django sends no signals
    for those rows; so compare each changed record's relations with the snapshot taken before its save.
    """
    for (type_id, pk), change in list(context.records.items()):
        if change.action == ChangeRecord.Action.DELETE:
            continue
        model = ContentType.objects.get_for_id(type_id).model_class()
        if not model._meta.many_to_many:
            continue
        instance = model._default_manager.filter(pk=pk).first()
        if instance is None:
            continue
        before = context.m2m_snapshots.get((type_id, pk), {})
        more = {
            name: [before.get(name, []), after]
            for name, after in m2m_snapshot(instance).items()
            if before.get(name, []) != after
        }
        if more:
            diff = _merge(dict(change.diff), more)
            if diff != change.diff:
                ChangeRecord.objects.filter(pk=change.pk).update(diff=diff)


def connect() -> None:
    for label in TRACKED:
        model = apps.get_model(label)
        uid = f"changelog:{label}"
        # Any change, recorded or not (the reference loader too), makes cached API answers stale.
        signals.post_save.connect(bump, sender=model, dispatch_uid=f"{uid}:bump_save")
        signals.post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}:bump_delete")
        signals.pre_save.connect(before_save, sender=model, dispatch_uid=f"{uid}:pre_save")
        signals.post_save.connect(after_save, sender=model, dispatch_uid=f"{uid}:post_save")
        signals.pre_delete.connect(before_delete, sender=model, dispatch_uid=f"{uid}:pre_delete")
        signals.post_delete.connect(after_delete, sender=model, dispatch_uid=f"{uid}:post_delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            signals.m2m_changed.connect(m2m_changed, sender=through, dispatch_uid=f"{uid}:{field.name}:m2m")
            signals.m2m_changed.connect(bump, sender=through, dispatch_uid=f"{uid}:{field.name}:bump_m2m")
