<?php
/**
 * The transfer state the app writes back on each order.
 *
 * @package LedgerBridge
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads the order meta the app maintains (through the REST API) and the plugin sets when a
 * transfer is requested. Always via WC_Order, never post meta, so HPOS stores work.
 */
class LB_Order_Status {

	const STATUS       = '_ledger_bridge_status';
	const DOCUMENT     = '_ledger_bridge_document_number';
	const ERROR        = '_ledger_bridge_error';
	const CREDIT_NOTES = '_ledger_bridge_credit_notes';

	/**
	 * Human labels per status.
	 *
	 * @return array<string,string>
	 */
	public static function labels() {
		return array(
			''            => __( 'Not transferred', 'ledger-bridge' ),
			'requested'   => __( 'Transfer requested', 'ledger-bridge' ),
			'transferred' => __( 'Transferred', 'ledger-bridge' ),
			'failed'      => __( 'Failed', 'ledger-bridge' ),
			'skipped'     => __( 'Not transferred (skipped)', 'ledger-bridge' ),
			// Parked by the app: this order's data could not be booked; the others keep flowing.
			'needs_attention' => __( 'Needs attention', 'ledger-bridge' ),
			'handled'     => __( 'Handled manually', 'ledger-bridge' ),
		);
	}

	/**
	 * Status, document number and error of an order.
	 *
	 * @param WC_Order $order Order.
	 * @return array{status:string,label:string,document:string,error:string,credit_notes:string}
	 */
	public static function of( $order ) {
		$status = (string) $order->get_meta( self::STATUS );
		$labels = self::labels();
		return array(
			'status'       => $status,
			'label'        => isset( $labels[ $status ] ) ? $labels[ $status ] : $status,
			'document'     => (string) $order->get_meta( self::DOCUMENT ),
			'error'        => (string) $order->get_meta( self::ERROR ),
			'credit_notes' => (string) $order->get_meta( self::CREDIT_NOTES ),
		);
	}

	/**
	 * Records the outcome of asking the app for a transfer.
	 *
	 * @param WC_Order $order Order.
	 * @param string   $status New status.
	 * @param string   $error  Error message, '' to clear.
	 */
	public static function set( $order, $status, $error = '' ) {
		$order->update_meta_data( self::STATUS, $status );
		$order->update_meta_data( self::ERROR, $error );
		$order->save();
	}

	/**
	 * Marks orders "requested" before the app is asked. The app writes the final status through
	 * the REST API, possibly before its answer arrives here: writing first lets the app's win.
	 *
	 * @param int[] $order_ids Order ids.
	 */
	public static function mark_requested( array $order_ids ) {
		foreach ( $order_ids as $order_id ) {
			$order = wc_get_order( $order_id );
			if ( $order ) {
				self::set( $order, 'requested' );
			}
		}
	}

	/**
	 * Records the app's answer: every order failed with its error, or — per order — the document
	 * number of one that was already transferred.
	 *
	 * @param int[]                                   $order_ids Order ids.
	 * @param array{ok:bool,error:string,results:array} $result    LB_Api_Client::request_transfer().
	 */
	public static function apply_result( array $order_ids, $result ) {
		foreach ( $order_ids as $order_id ) {
			$order = wc_get_order( $order_id );
			if ( $order && ! $result['ok'] ) {
				self::set( $order, 'failed', $result['error'] );
			}
		}
		if ( ! $result['ok'] ) {
			return;
		}
		foreach ( $result['results'] as $item ) {
			if ( ! is_array( $item ) || ! isset( $item['order_id'], $item['outcome'] ) || 'alreadyTransferred' !== $item['outcome'] ) {
				continue;
			}
			$order = wc_get_order( absint( $item['order_id'] ) );
			if ( $order ) {
				$order->update_meta_data( self::DOCUMENT, isset( $item['document_number'] ) ? sanitize_text_field( (string) $item['document_number'] ) : '' );
				self::set( $order, 'transferred' );
			}
		}
	}
}
