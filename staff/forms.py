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
