"""Create, upgrade, enrol and seed a replica.

    bootstrap.py    open (create or upgrade, with a backup) and initialise a replica from a catalog
    enrolment.py    first-run enrolment of this PC with the central server, attaching sync
    demo.py         the bundled demo chain: catalog, codes cheat sheet, demo replica

Above sync/ (enrolment drives sync.client) and storage/; no Qt.
"""
