package io.engram.core;

/**
 * A computation ran past its budget (time, hops, results) where partial results cannot be
 * returned. Where they can, APIs return them flagged partial instead of throwing.
 */
public class BudgetExceededException extends EngramException {
    public BudgetExceededException(String budget, long limit, long used) {
        super(budget + " budget exceeded: limit " + limit + ", used " + used);
    }
}
