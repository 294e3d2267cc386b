"""Deterministic simulation of terminals, server and a faulty network (see world.py)."""

from .network import Faults, Network, ServerEndpoint
from .world import INVARIANTS, Simulation, SimulationFailure, run_seed

__all__ = ["Faults", "INVARIANTS", "Network", "ServerEndpoint", "Simulation", "SimulationFailure", "run_seed"]
