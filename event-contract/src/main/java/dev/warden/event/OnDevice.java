package dev.warden.event;

/** An event about a session, with the device it was opened from. */
public interface OnDevice {

	String browser();

	String os();

	String deviceType();

}
