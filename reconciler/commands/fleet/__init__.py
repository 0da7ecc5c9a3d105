"""Fleets: targets.yaml (`targets`), one proven plan per group of targets (`plan`) and the
waves that apply it (`apply`)."""
