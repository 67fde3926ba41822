"""Measure and problem classifiers: a keyword baseline and a learned model with the same contract."""

from pipeline.classifiers.keyword import KeywordClassifier
from pipeline.classifiers.learned import LearnedClassifier
from pipeline.classifiers.model_io import load_classifier

__all__ = ["KeywordClassifier", "LearnedClassifier", "load_classifier"]
