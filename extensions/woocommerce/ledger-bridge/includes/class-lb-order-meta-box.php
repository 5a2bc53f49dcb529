<?php
/**
 * The "Ledger Bridge" box on the order edit screen.
 *
 * @package LedgerBridge
 */

defined( 'ABSPATH' ) || exit;

/**
 * Shows the transfer status, document number and last error, with a Transfer/Retry button.
 * Works on the HPOS screen (woocommerce_page_wc-orders) and the legacy shop_order screen.
 */
class LB_Order_Meta_Box {

	const ACTION = 'lb_transfer';

	/**
	 * API client.
	 *
	 * @var LB_Api_Client
	 */
	private $client;

	/**
	 * Constructor.
	 *
	 * @param LB_Api_Client $client API client.
	 */
	public function __construct( $client ) {
		$this->client = $client;
	}

	/**
	 * Hooks.
	 */
	public function register() {
		add_action( 'add_meta_boxes', array( $this, 'add' ) );
		add_action( 'admin_post_' . self::ACTION, array( $this, 'on_admin_post' ) );
	}

	/**
	 * The order edit screen id for the active order storage.
	 *
	 * @return string
	 */
	public static function screen() {
		$hpos = class_exists( \Automattic\WooCommerce\Utilities\OrderUtil::class )
			&& \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled();
		return $hpos ? wc_get_page_screen_id( 'shop-order' ) : 'shop_order';
	}

	/**
	 * Adds the box.
	 */
	public function add() {
		add_meta_box( 'ledger-bridge', __( 'Ledger Bridge', 'ledger-bridge' ), array( $this, 'render' ), self::screen(), 'side', 'high' );
	}

	/**
	 * Renders the box. Receives a WP_Post on the legacy screen and a WC_Order under HPOS.
	 *
	 * @param WP_Post|WC_Order $post_or_order Post or order.
	 */
	public function render( $post_or_order ) {
		$order = ( $post_or_order instanceof WP_Post ) ? wc_get_order( $post_or_order->ID ) : $post_or_order;
		if ( ! $order ) {
			return;
		}
		$state = LB_Order_Status::of( $order );
		echo '<p><strong>' . esc_html__( 'Status:', 'ledger-bridge' ) . '</strong> <span class="lb-status lb-status-' . esc_attr( '' === $state['status'] ? 'none' : $state['status'] ) . '">' . esc_html( $state['label'] ) . '</span></p>';
		if ( '' !== $state['document'] ) {
			echo '<p><strong>' . esc_html__( 'Document:', 'ledger-bridge' ) . '</strong> ' . esc_html( $state['document'] ) . '</p>';
		}
		if ( '' !== $state['credit_notes'] ) {
			echo '<p><strong>' . esc_html__( 'Credit notes:', 'ledger-bridge' ) . '</strong> ' . esc_html( $state['credit_notes'] ) . '</p>';
		}
		if ( '' !== $state['error'] ) {
			echo '<p class="lb-error">' . esc_html( $state['error'] ) . '</p>';
		}
		// Booked by the app, or by hand in the ledger: a Transfer would book it a second time.
		if ( ! current_user_can( 'manage_woocommerce' ) || in_array( $state['status'], array( 'transferred', 'handled' ), true ) ) {
			return;
		}
		$url   = wp_nonce_url(
			add_query_arg(
				array(
					'action'   => self::ACTION,
					'order_id' => $order->get_id(),
				),
				admin_url( 'admin-post.php' )
			),
			self::ACTION . '_' . $order->get_id()
		);
		$label = in_array( $state['status'], array( 'failed', 'needs_attention' ), true ) ? __( 'Retry transfer', 'ledger-bridge' ) : __( 'Transfer to accounting', 'ledger-bridge' );
		echo '<p><a class="button" href="' . esc_url( $url ) . '">' . esc_html( $label ) . '</a></p>';
	}

	/**
	 * Handles the button, then goes back to the order.
	 */
	public function on_admin_post() {
		wp_safe_redirect( $this->handle_transfer_request() );
		exit;
	}

	/**
	 * Checks nonce and capability, asks the app, records the outcome.
	 *
	 * @return string Where to send the browser.
	 */
	public function handle_transfer_request() {
		$order_id = isset( $_GET['order_id'] ) ? absint( wp_unslash( $_GET['order_id'] ) ) : 0;
		// A nonce proves intent, not permission: both are required.
		check_admin_referer( self::ACTION . '_' . $order_id );
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to transfer orders.', 'ledger-bridge' ), '', array( 'response' => 403 ) );
		}
		$order = wc_get_order( $order_id );
		if ( ! $order ) {
			wp_die( esc_html__( 'Order not found.', 'ledger-bridge' ), '', array( 'response' => 404 ) );
		}
		LB_Order_Status::mark_requested( array( $order_id ) );
		LB_Order_Status::apply_result( array( $order_id ), $this->client->request_transfer( array( $order_id ) ) );
		return $order->get_edit_order_url();
	}
}
