"""The shipped tone model and its card. Installed as the package ``tonecheck.models``."""
