package dev.warden.event;

/** An event about one API token, named by its id (never the token). */
public interface AboutToken {

	String tokenId();

}
