from django import forms


class ServicePointForm(forms.Form):
    service_point = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose the desk or line you are working at.",
            "invalid_choice": "That service point is not one of your branch's; choose one from the list.",
        },
    )

    def __init__(self, *args, service_points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_point"].queryset = service_points


class RetentionForm(forms.Form):
    retention_days = forms.IntegerField(
        label="Retention period (days)",
        min_value=1,
        max_value=3650,
        help_text="Interactions older than this lose their patron link and note every night; their statistics stay.",
        error_messages={
            "required": "Give the retention period in days, e.g. 90.",
            "invalid": "Give the retention period as a whole number of days, e.g. 90.",
            "min_value": "Keep them at least %(limit_value)s day.",
            "max_value": "At most %(limit_value)s days (ten years).",
        },
    )
