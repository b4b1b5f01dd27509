"""Program problems, each shown to the coordinator as one clear sentence.

Data problems in the book are Findings, never exceptions. These are for input
ProdDesk cannot use at all::

    AddinError
     +-- InputError      the file or spreadsheet cannot be read as a production book
     +-- HostError       the file, Excel or Google refused a read or a write
     +-- ConfigError     settings, credentials or configuration files are unusable
     +-- TemplateError   a call sheet template cannot be used

The CLI catches AddinError at the edge, prints ``str(error)`` and exits with 2.
"""


class AddinError(Exception):
    """Base of every error ProdDesk reports as one sentence."""


class InputError(AddinError):
    """The input cannot be read as a production book."""


class HostError(AddinError):
    """A spreadsheet host refused a read or a write."""


class ConfigError(AddinError):
    """Settings, credentials or a configuration file are unusable."""


class TemplateError(AddinError):
    """A call sheet template cannot be used."""
