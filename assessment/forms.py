"""Back-office forms of the assessment year: opening a campaign, editing the indicator tree."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.models import Indicator, Scheme
from assessment.services import opening
from assessment.services.schemes import DEFAULT_BANDS
from integrity.core.models import Organisation

GROUP_ROWS = 3
BAND_ROWS = 5


class OpenCampaignForm(forms.Form):
    """Year, scheme source, units (level, kind, exclusions), peer groups, bands, timetable.

    Peer groups and bands are fixed rows of fields (``group_0_name`` …); an empty name
    leaves a row out."""

    year = forms.IntegerField(label=_("Assessed year"), min_value=2000, max_value=2100)
    copy_from = forms.ModelChoiceField(
        label=_("Copy the scheme of"),
        queryset=Scheme.objects.none(),
        required=False,
        empty_label=_("Start from the template"),
    )
    levels = forms.MultipleChoiceField(
        label=_("Levels assessed"),
        choices=Organisation.Level.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of unit assessed"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "State organs (NPC and CPPCC offices, courts) are left out unless you tick them."
        ),
    )
    excluded = forms.ModelMultipleChoiceField(
        label=_("Units left out"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start = forms.DateField(
        label=_("Self-assessment opens on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    self_assessment_days = forms.IntegerField(
        label=_("Self-assessment (working days)"), min_value=1, max_value=60
    )
    review_days = forms.IntegerField(label=_("Review (working days)"), min_value=1, max_value=60)
    objection_days = forms.IntegerField(
        label=_("Objection window (working days)"), min_value=1, max_value=30
    )
    publication_days = forms.IntegerField(
        label=_("Until publication (working days)"), min_value=1, max_value=30
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["copy_from"].queryset = Scheme.objects.filter(organisation=organisation)
        self.fields["excluded"].queryset = (
            Organisation.objects.active()
            .descendants(organisation)
            .filter(level__in=opening.default_levels(organisation))
        )
        for i in range(GROUP_ROWS):
            self.fields[f"group_{i}_name"] = forms.CharField(
                label=_("Peer group"), required=False, max_length=60
            )
            self.fields[f"group_{i}_kinds"] = forms.MultipleChoiceField(
                label=_("Kinds in the group"),
                choices=Organisation.Kind.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        for i in range(BAND_ROWS):
            self.fields[f"band_{i}_name"] = forms.CharField(
                label=_("Grade"), required=False, max_length=20
            )
            self.fields[f"band_{i}_min"] = forms.DecimalField(
                label=_("Minimum score"),
                required=False,
                min_value=0,
                max_digits=6,
                decimal_places=2,
            )
            self.fields[f"band_{i}_quota"] = forms.DecimalField(
                label=_("Quota"),
                required=False,
                min_value=Decimal("0.001"),
                max_value=1,
                max_digits=4,
                decimal_places=3,
            )

    @classmethod
    def initial_for(cls, organisation: Organisation, today) -> dict:
        rules = opening.default_timetable_rules(organisation, today)
        last = Scheme.objects.filter(organisation=organisation).order_by("-year").first()
        initial: dict = {
            "year": (last.year + 1) if last else today.year,
            "copy_from": last,
            "levels": opening.default_levels(organisation),
            "kinds": opening.default_kinds(),
            "start": today,
            **rules,
        }
        groups = (
            [(g.name, g.kinds) for g in last.peer_groups.all()]
            if last
            else [(g.name, list(g.kinds)) for g in opening.default_peer_groups()]
        )
        for i, (name, kinds) in enumerate(groups[:GROUP_ROWS]):
            initial[f"group_{i}_name"], initial[f"group_{i}_kinds"] = name, kinds
        bands = (
            [(b.name, b.min_score, b.quota) for b in last.bands.all()]
            if last
            else [(n, Decimal(m), None) for n, m in DEFAULT_BANDS]
        )
        for i, (name, minimum, quota) in enumerate(bands[:BAND_ROWS]):
            initial[f"band_{i}_name"], initial[f"band_{i}_min"] = name, minimum
            initial[f"band_{i}_quota"] = quota
        return initial

    def group_rows(self) -> list[tuple]:
        return [(self[f"group_{i}_name"], self[f"group_{i}_kinds"]) for i in range(GROUP_ROWS)]

    def band_rows(self) -> list[tuple]:
        return [
            (self[f"band_{i}_name"], self[f"band_{i}_min"], self[f"band_{i}_quota"])
            for i in range(BAND_ROWS)
        ]

    def clean(self) -> dict:
        data = super().clean()
        groups = []
        for i in range(GROUP_ROWS):
            name = (data.get(f"group_{i}_name") or "").strip()
            if name:
                kinds = data.get(f"group_{i}_kinds") or []
                if not kinds:
                    self.add_error(f"group_{i}_kinds", _("Tick at least one kind for the group."))
                groups.append(opening.PeerGroupSpec(name, tuple(kinds)))
        if not groups:
            raise forms.ValidationError(_("Enrol at least one peer group."))
        bands = []
        for i in range(BAND_ROWS):
            name = (data.get(f"band_{i}_name") or "").strip()
            if name:
                minimum = data.get(f"band_{i}_min")
                if minimum is None:
                    self.add_error(f"band_{i}_min", _("Give the band's minimum score."))
                    continue
                bands.append(opening.BandSpec(name, minimum, data.get(f"band_{i}_quota")))
        if not bands or min(b.min_score for b in bands) != 0:
            raise forms.ValidationError(
                _("The grade bands must include a lowest band starting at 0.")
            )
        data["peer_groups"], data["bands"] = groups, bands
        return data

    def timetable(self) -> opening.Timetable:
        data = self.cleaned_data
        return opening.Timetable(
            start=data["start"],
            self_assessment_days=data["self_assessment_days"],
            review_days=data["review_days"],
            objection_days=data["objection_days"],
            publication_days=data["publication_days"],
        )


class IndicatorForm(forms.ModelForm):
    """One node of the tree: where it hangs, its weight, method, items and cap."""

    class Meta:
        model = Indicator
        fields = [
            "parent",
            "code",
            "name",
            "points",
            "method",
            "per_item",
            "cap",
            "third_party",
            "metric_code",
            "description",
            "sort_order",
        ]

    def __init__(self, *args, scheme: Scheme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from assessment.metrics import metric_choices

        parents = scheme.indicators.filter(level__lt=3)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["metric_code"].widget = forms.Select(choices=[("", "—"), *metric_choices()])

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "parent"}
