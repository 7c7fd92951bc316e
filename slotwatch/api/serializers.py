"""Serializers that refuse what the model refuses, in the model's words."""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.settings import api_settings

__all__ = (
    "BuiltFieldsMixin",
    "KeyListField",
    "KeyRelatedField",
    "ValidatedModelSerializer",
    "attach_keys",
    "model_errors",
)


def model_errors(error: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF's per-field error dict (``__all__`` becomes ``non_field_errors``)."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): messages
        for name, messages in error.message_dict.items()
    }


def attach_keys(instances, relation: str, key: str = "key") -> None:
    """Read the keys of a many-to-many relation for many records in one query, for ``KeyListField``.

    Django's ``prefetch_related`` builds a queryset per record, which costs more CPU than the whole rest of a
    list response; this reads ``(owner id, key)`` pairs straight from the through table.
    """
    instances = [instance for instance in instances if instance is not None]
    if not instances:
        return
    field = type(instances[0])._meta.get_field(relation)
    through = field.remote_field.through
    own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
    ordering = [
        f"-{other}__{name[1:]}" if name.startswith("-") else f"{other}__{name}"
        for name in field.related_model._meta.ordering
    ]
    found = {instance.pk: [] for instance in instances}
    pairs = through._default_manager.filter(**{f"{own}_id__in": list(found)}).order_by(*ordering, f"{other}_id")
    for owner_id, value in pairs.values_list(f"{own}_id", f"{other}__{key}"):
        found[owner_id].append(value)
    for instance in instances:
        instance.__dict__.setdefault("_attached_keys", {})[relation] = found[instance.pk]


class KeyListField(serializers.ManyRelatedField):
    """A list of natural keys; reads the keys ``attach_keys`` stored on the record when they are there."""

    def get_attribute(self, instance):
        attached = instance.__dict__.get("_attached_keys", {})
        if self.source in attached:
            return attached[self.source]
        return super().get_attribute(instance)

    def to_representation(self, iterable):
        return [value if isinstance(value, str) else self.child_relation.to_representation(value)
                for value in iterable]


class KeyRelatedField(serializers.SlugRelatedField):
    """A relation read and written by its natural key (ISO code, slug) rather than a database id.

    Keys make the API's output a valid input (an exported row can be posted back) and survive a reload of the
    reference data. An unknown key is refused with the reference loader's message: ``unknown administration 'XYZ'``.
    """

    default_error_messages = {
        "does_not_exist": "unknown {label} {value!r}",
        "invalid": "Expected a key (text), got {kind}.",
    }

    def __init__(self, label: str, **kwargs):
        self.label_name = label
        super().__init__(**kwargs)

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update({key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS})
        return KeyListField(**list_kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (str, int)):
            self.fail("invalid", kind=type(data).__name__)
        value = str(data)
        if "\x00" in value or len(value) > 200:
            self.fail("does_not_exist", label=self.label_name, value=value[:200].replace("\x00", ""))
        try:
            return self.get_queryset().get(**{self.slug_field: value})
        except self.get_queryset().model.DoesNotExist:
            self.fail("does_not_exist", label=self.label_name, value=value)


class BuiltFieldsMixin:
    """Build a ModelSerializer's fields once per class and hand each instance a copy.

    DRF works the fields out of the model afresh for every serializer instance (field by field: mapping, keyword
    arguments, validators), which was about a third of the CPU of a filing detail. The fields depend only on the
    class (its Meta and declared fields), so the result is kept; each instance gets a deep copy, which is how DRF
    already treats declared fields (``Field.__deepcopy__`` rebuilds a field from its arguments).
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return copy.deepcopy(built)


class ValidatedModelSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    """Runs the model's ``full_clean()`` on the would-be instance before anything is saved.

    DRF checks types and field options but not ``Model.clean()``; without this the API would store what the admin
    and the reference loader refuse. Many-to-many and nested fields are left out of the check (they are not model
    attributes); the model's own ``save()`` runs ``full_clean()`` again as a last guard.
    """

    clean_exclude: tuple[str, ...] = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.candidate(attrs)
        exclude = {*self.clean_exclude}
        for field in instance._meta.get_fields():
            if field.many_to_many or field.one_to_many or not field.concrete:
                exclude.add(field.name)
        try:
            # Uniqueness is DRF's UniqueValidator's job; checking it twice would cost a query per unique field.
            instance.full_clean(exclude=sorted(exclude), validate_unique=False, validate_constraints=False)
        except DjangoValidationError as error:
            raise serializers.ValidationError(model_errors(error)) from None
        return attrs

    def candidate(self, attrs) -> models.Model:
        """The instance as it would be saved: a copy of the stored one with the new values, or a new one."""
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        concrete = {field.name for field in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        return instance
