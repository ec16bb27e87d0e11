package be.cocon.programme;

import org.springframework.http.HttpStatus;

import be.cocon.platform.ApiProblem;

/** A refused answer or enrolment action; nothing was changed. */
class AnswerProblem extends ApiProblem {

	AnswerProblem(int status, String code, String detail) {
		super(HttpStatus.valueOf(status), code, detail);
	}

	public static AnswerProblem of(String code, String detail) {
		return new AnswerProblem(400, code, detail);
	}

	public static AnswerProblem conflict(String code, String detail) {
		return new AnswerProblem(409, code, detail);
	}

	public static AnswerProblem notFound(String code, String detail) {
		return new AnswerProblem(404, code, detail);
	}

	public static AnswerProblem forbidden(String code, String detail) {
		return new AnswerProblem(403, code, detail);
	}

}
