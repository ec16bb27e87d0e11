package be.cocon.programme;

/** A refused answer or enrolment action; nothing was changed. */
class AnswerProblem extends RuntimeException {

	private final String code;

	private final int status;

	AnswerProblem(int status, String code, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
	}

	static AnswerProblem of(String code, String detail) {
		return new AnswerProblem(400, code, detail);
	}

	static AnswerProblem conflict(String code, String detail) {
		return new AnswerProblem(409, code, detail);
	}

	static AnswerProblem notFound(String code, String detail) {
		return new AnswerProblem(404, code, detail);
	}

	static AnswerProblem forbidden(String code, String detail) {
		return new AnswerProblem(403, code, detail);
	}

	String code() {
		return this.code;
	}

	int status() {
		return this.status;
	}

}
