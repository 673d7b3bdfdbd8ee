"""Date and time grammar, zone tables and resolution for the ``timestamps`` pass.

* :mod:`.tables` loads the committed JSON data (month/weekday names, city -> zone) lazily;
* :mod:`.grammar` builds the one combined ``regex`` pattern that finds candidates;
* :mod:`.zones` turns a zone phrase (``GMT+3``, ``EST``, ``Paris time``) into an offset or zone;
* :mod:`.resolve` turns one match into an :class:`~cleantext.model.Edit` or a
  :class:`~cleantext.model.Note`.
"""
