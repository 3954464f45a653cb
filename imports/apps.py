from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"

    def ready(self) -> None:
        from activities.windows import window_reader_set
        from imports.parser.activities import parse_window

        # A typed-in activity's window is read by the same rule as an imported one's
        # (activities sits below imports and cannot import the parser itself).
        window_reader_set(parse_window)
