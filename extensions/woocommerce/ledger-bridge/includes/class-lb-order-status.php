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

	const STATUS   = '_ledger_bridge_status';
	const DOCUMENT = '_ledger_bridge_document_number';
	const ERROR    = '_ledger_bridge_error';

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
		);
	}

	/**
	 * Status, document number and error of an order.
	 *
	 * @param WC_Order $order Order.
	 * @return array{status:string,label:string,document:string,error:string}
	 */
	public static function of( $order ) {
		$status = (string) $order->get_meta( self::STATUS );
		$labels = self::labels();
		return array(
			'status'   => $status,
			'label'    => isset( $labels[ $status ] ) ? $labels[ $status ] : $status,
			'document' => (string) $order->get_meta( self::DOCUMENT ),
			'error'    => (string) $order->get_meta( self::ERROR ),
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
}
