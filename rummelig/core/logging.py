"""Log lines without CPR numbers: a filter set on every handler in settings.LOGGING.

A CPR number can reach a log line in a URL (an old bookmark with ?q=…, a 404 for a path someone
typed), in an exception message or in a traceback. The filter masks anything shaped like a CPR number
("ddmmyy-xxxx") in the message, its arguments and the formatted exception before any handler writes
the record. It sits on the handlers, not the loggers, because a logger's filter does not see records
that propagate to it from a child logger (django.request, django.server, …).
"""

import logging

from rummelig.lib.cpr import mask_cprs_in_text


class MaskCprFilter(logging.Filter):
    """Mask CPR-shaped text in a log record; never drops a record."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the message: keep what can be shown, masked
            message = f"{record.msg} {record.args!r}"
        masked = mask_cprs_in_text(message)
        if masked != message or record.args:
            # The message is rendered once, here, so a CPR number in an argument cannot come back later.
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_cprs_in_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_cprs_in_text(record.stack_info)
        return True
