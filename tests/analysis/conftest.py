"""Shared fixtures for the analysis tests: small synthetic bilingual sessions."""

from __future__ import annotations

import os

import pytest

from analysis import Concern

# The model is loaded from files in site-packages; the tests prove no hub is needed.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

THEMES = {
    "lights": [
        "The streetlights on Elm Street are broken and it is dark at night",
        "Broken street lights make our block feel dangerous at night",
        "Please fix the street lights near the bus stop, it is too dark",
        "It is so dark walking home, we need the streetlights repaired",
        "Las luces de la calle están rotas y está muy oscuro de noche",
        "Arreglen las luces de la calle, da miedo caminar de noche",
    ],
    "interpreters": [
        "Officers need Spanish interpreters when they respond to calls",
        "Nobody spoke my language when I reported the crime, we need interpreters",
        "Please have interpreters at the police station for people who speak Spanish",
        "My mother could not explain what happened because there was no interpreter",
        "Necesitamos intérpretes en español cuando viene la policía",
        "Nadie habla español en la estación de policía, necesitamos intérpretes",
    ],
    "youth": [
        "Our young people need after school programs, not arrests",
        "More youth programs and summer jobs for teens in the neighborhood",
        "Kids have nowhere to go after school so they get in trouble",
        "Fund the youth center so young people have somewhere safe to go",
        "Los jóvenes necesitan programas después de la escuela",
        "Más programas para los jóvenes del barrio después de clases",
    ],
}


@pytest.fixture
def session() -> list[Concern]:
    """Eighteen concerns in three themes, two of each six in Spanish."""
    concerns = []
    for t, (name, texts) in enumerate(THEMES.items()):
        for i, text in enumerate(texts):
            concerns.append(Concern(id=f"{name}-{i}", text=text, support=t + i % 3))
    return concerns


@pytest.fixture
def truth(session: list[Concern]) -> list[str]:
    """The true theme name of each concern in ``session``."""
    return [str(c.id).split("-")[0] for c in session]
