"""The workshop server of The Borrower's Handbook: the built book and the five simulators on one
address of the room's network, with a QR code for the participants' phones.

    handbook-workshop [--lan] [--port 8000] [--book _build/html]
    python -m handbook_workshop ...           (the same)
    ./handbook workshop ...                   (from a checkout: builds the book first)

One Voila process serves everything from one origin: the book's pages (``/``), a room page with
the five simulators (``/room``), a printable page with the address and its QR code in both
languages (``/workshop``) and the simulators (``/voila/render/NAME.ipynb``). Settings come from
the command line or the environment (``BH_*``, see :mod:`handbook_workshop.settings`).
"""

from .settings import Settings  # noqa: F401
