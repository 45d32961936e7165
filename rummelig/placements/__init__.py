"""Employments on special terms (placements): the register at the heart of Rummelig."""
