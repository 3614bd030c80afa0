"""The pure core: the things ictrack keeps and every rule about them. No files, no clock, no environment, no UI."""
