from django import forms

from filings.filtersets import FILING_ORDERINGS
from filings.models import Administration, FilingStatus, Operator, Regulator

DEADLINE_WINDOWS = [("", "any time"), ("90", "within 3 months"), ("180", "within 6 months"),
                    ("365", "within 12 months"), ("730", "within 2 years")]
RES35_CHOICES = [("", "any"), ("true", "applies"), ("false", "does not apply"), ("unknown", "not confirmed")]

# ?ordering= values: the same keys as the API's filings list, so the export link sorts like the page.
ORDERINGS = FILING_ORDERINGS
DEFAULT_ORDERING = "-satellites_filed"


class FilingFilterForm(forms.Form):
    """The filings table's filters; the same names go to the API export (/api/v1/filings/?format=csv)."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    administration = forms.ChoiceField(label="Administration", required=False)
    operator = forms.ChoiceField(label="Operator", required=False)
    regulator = forms.ChoiceField(label="Regulator", required=False,
                                  choices=[("", "any")] + list(Regulator.choices))
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "any")] + list(FilingStatus.choices))
    res35_applies = forms.ChoiceField(label="Res. 35", required=False, choices=RES35_CHOICES)
    deadline_within = forms.ChoiceField(label="Next deadline", required=False, choices=DEADLINE_WINDOWS)
    ordering = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["administration"].choices = [("", "any")] + [
            (a.iso_code, a.name) for a in Administration.objects.only("iso_code", "name")
        ]
        self.fields["operator"].choices = [("", "any")] + [
            (o.key, o.short_name) for o in Operator.objects.only("key", "short_name")
        ]

    def clean_ordering(self):
        value = self.cleaned_data.get("ordering") or DEFAULT_ORDERING
        return value if value.lstrip("-") in ORDERINGS else DEFAULT_ORDERING


class AsOfForm(forms.Form):
    as_of = forms.DateField(label="As of", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class WhatIfForm(forms.Form):
    rate = forms.FloatField(label="Launch cadence (satellites per month)", min_value=0, max_value=100_000,
                            widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
