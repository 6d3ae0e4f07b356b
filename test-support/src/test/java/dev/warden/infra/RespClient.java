package dev.warden.infra;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare Redis connection speaking RESP over a socket, so a test sees exactly what Redis
 * answers a client that sends a command, with no driver in between that authenticates or
 * retries on its own.
 */
final class RespClient implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	RespClient(String redisUrl) throws IOException {
		URI url = URI.create(redisUrl);
		this.socket = new Socket(url.getHost(), url.getPort());
		this.socket.setSoTimeout(5000);
		this.out = this.socket.getOutputStream();
		this.in = new BufferedInputStream(this.socket.getInputStream());
	}

	/** Connects and authenticates as this user; fails the test if Redis refuses. */
	static RespClient as(String redisUrl, String user, String password) throws IOException {
		RespClient client = new RespClient(redisUrl);
		String answer = client.send("AUTH", user, password);
		if (!answer.equals("OK")) {
			client.close();
			throw new AssertionError("AUTH " + user + " refused: " + answer);
		}
		return client;
	}

	/**
	 * Sends one command and returns the first line of the answer without its type marker:
	 * {@code OK}, an error such as {@code NOPERM ...}, a number, a bulk string's text, or
	 * an array's length.
	 */
	String send(String... command) throws IOException {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
		for (String part : command) {
			byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
			request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
			request.writeBytes(bytes);
			request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		this.out.write(request.toByteArray());
		this.out.flush();
		return readReply();
	}

	private String readReply() throws IOException {
		String line = readLine();
		char type = line.charAt(0);
		String rest = line.substring(1);
		if (type == '$') {
			int length = Integer.parseInt(rest);
			if (length < 0) {
				return "(nil)";
			}
			String text = new String(this.in.readNBytes(length), StandardCharsets.UTF_8);
			readLine();
			return text;
		}
		if (type == '*') {
			int length = Integer.parseInt(rest);
			for (int i = 0; i < length; i++) {
				readReply();
			}
		}
		return rest;
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		for (int current = this.in.read(); current != -1; current = this.in.read()) {
			if (previous == '\r' && current == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(current);
			previous = current;
		}
		throw new IOException("Redis closed the connection");
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
