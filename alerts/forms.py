from __future__ import annotations

from zoneinfo import available_timezones

from django import forms

from alerts.models import MAX_LEAD_DAYS, Subscription
from compliance.rules import codes

__all__ = ["SubscriptionForm"]

# Grouped by regime, with the rule's own name: "Res. 35 M1 (10 %)", never "res35_m1".
CODE_CHOICES = [
    (codes.REGIME_LABELS[regime], [(code, codes.MILESTONE_LABELS[code]) for code in regime_codes])
    for regime, regime_codes in codes.REGIME_CODES.items()
]
SCOPES = ("filings", "operators", "administrations", "constellations")
TIME_ZONES = sorted(available_timezones())


class LeadTimesField(forms.CharField):
    """'365, 180, 90' <-> [365, 180, 90]."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        try:
            days = sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip()}, reverse=True)
        except ValueError:
            raise forms.ValidationError("Give whole numbers of days separated by commas, e.g. 365, 90, 7.") from None
        if any(not 0 < d <= MAX_LEAD_DAYS for d in days):
            raise forms.ValidationError(f"Each lead time is between 1 and {MAX_LEAD_DAYS} days.")
        return days


class SubscriptionForm(forms.ModelForm):
    codes = forms.MultipleChoiceField(
        choices=CODE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every rule.",
    )
    lead_times = LeadTimesField(required=False, help_text="Days before a deadline, comma-separated. Empty: none.")
    time_zone = forms.ChoiceField(choices=[(z, z) for z in TIME_ZONES], initial="UTC")

    class Meta:
        model = Subscription
        fields = [
            "name", "email", "all_filings", "administrations", "operators", "constellations", "filings",
            "codes", "lead_times", "on_missed", "on_at_risk", "on_reduced", "on_new_filing",
            "delivery_mode", "time_zone",
        ]
        # Checkboxes, not a multi-select that needs Ctrl-click; the template puts each list in a scrolling box.
        widgets = {name: forms.CheckboxSelectMultiple for name in SCOPES}
        labels = {"all_filings": "Every filing", "email": "Send to", "name": "Name"}
        help_texts = {
            "email": "Leave empty for your account's address. Another address receives a confirmation link first "
                     "and nothing else until its owner confirms.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = {"administrations": "name", "operators": "name", "constellations": "name", "filings": "name"}
        for name, order in names.items():
            field = self.fields[name]
            field.queryset = field.queryset.order_by(order)
        self.fields["filings"].queryset = self.fields["filings"].queryset.select_related("administration")
        self.fields["filings"].label_from_instance = lambda f: f"{f.name} ({f.administration.iso_code})"
        self.fields["time_zone"].help_text = "Times in e-mails are shown in this zone."

    def clean(self):
        data = super().clean()
        scoped = data.get("all_filings") or any(
            data.get(name) for name in ("administrations", "operators", "constellations", "filings")
        )
        if not scoped:
            raise forms.ValidationError("Choose all filings, or at least one administration, operator, "
                                        "constellation or filing.")
        return data
