package dev.warden.support.kafka;

import java.net.ConnectException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells "a store is unreachable for now" (retry until it is back) from "this record
 * cannot be handled". Spring's JDBC and Redis connection failures are
 * {@link DataAccessResourceFailureException}s; a pool that cannot open a connection says
 * so with an {@link SQLTransientException}.
 */
public final class InfrastructureFailures {

	private InfrastructureFailures() {
	}

	public static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
					|| cause instanceof SQLTransientException || cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

}
