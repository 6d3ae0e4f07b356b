package dev.warden.auth.user;

/** Whether a user may sign in. */
public enum UserStatus {

	ACTIVE, LOCKED, DISABLED

}
